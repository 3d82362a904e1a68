// Nabla in JShell. From a fresh clone:
//   mvn -q compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
//   jshell --class-path target/classes:$(cat target/cp.txt) examples/nabla.jsh
// (docs/seeing.md has a tour; every snippet there is run by JShellTourTest.)
import org.nabla.tensor.*;
import org.nabla.tensor.linalg.*;
import org.nabla.autodiff.*;
import org.nabla.activation.*;
import org.nabla.loss.*;
import org.nabla.layer.*;
import org.nabla.init.*;
import org.nabla.optim.*;
import org.nabla.viz.*;

// a few ready tensors
Rng rng = new Rng(42);
Tensor v = Tensor.of(1.0, 2.0, 3.0);
Tensor A = Tensor.of(new double[][] {{2.0, 1.0}, {1.0, 3.0}});
Tensor noise = Tensor.randn(rng, 2, 3);

// a leaf to differentiate with respect to
Variable x = Variable.leaf(Tensor.scalar(2.0));

// a tiny network 2 → 2 → 1 (sigmoid) and one input
Sequential net = new Sequential(new Linear(2, 2, new Rng(1)), new Sigmoid(), new Linear(2, 1, new Rng(2)));
Variable input = Variable.constant(Tensor.of(new int[] {1, 2}, 1.0, 0.5));

System.out.println("Nabla is loaded: tensors v, A, noise; leaf x; network net with input; try ModuleSummary.of(net, 1, 2)");

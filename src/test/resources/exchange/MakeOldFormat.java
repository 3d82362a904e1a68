// Wrote old_format_mlp.npz with the ModelState of commit c1a0933 (the format with the
// __nabla_sha256__ checksum entry), compiled against that commit's src/main/java:
//   git archive c1a0933 src/main/java | tar -x -C old && javac -cp slf4j-api.jar -d old/classes $(find old -name '*.java')
//   java -cp old/classes:slf4j-api.jar MakeOldFormat.java
import java.nio.file.Path;
import org.nabla.activation.ReLU;
import org.nabla.io.ModelState;
import org.nabla.layer.Linear;
import org.nabla.layer.Sequential;
import org.nabla.tensor.Rng;

public class MakeOldFormat {
    public static void main(String[] args) throws Exception {
        Rng rng = new Rng(42);
        Sequential m = new Sequential(new Linear(3, 4, rng), new ReLU(), new Linear(4, 2, rng));
        ModelState.save(Path.of("old_format_mlp.npz"), m);
    }
}

"""Fixtures for org.nabla.theory.SupportVectorMachineTest and KernelRidgeRegressionTest.

Run with Debian's python3 (python3-sklearn):  /usr/bin/python3 make_svm.py
Writes svm.npz: the training set (x, y), test points (xt), and for each SVC case
<case>_dual_coef (alpha_i y_i over the support vectors, sklearn's dual_coef_), <case>_support
(indices, as doubles), <case>_intercept, <case>_decision (decision_function at xt); and for
KernelRidge <case>_alpha (dual_coef_) and <case>_predict (at xt). sklearn runs with tol=1e-10.
"""
import numpy as np
import sklearn
from sklearn.svm import SVC
from sklearn.kernel_ridge import KernelRidge

rng = np.random.default_rng(25)
n = 30
x = np.vstack([rng.normal([1.0, 1.0], 1.0, (n // 2, 2)), rng.normal([-1.0, -0.5], 1.0, (n // 2, 2))])
y = np.concatenate([np.ones(n // 2), -np.ones(n // 2)])
xt = rng.normal(0.0, 1.5, (10, 2))
out = {"x": x, "y": y, "xt": xt}

svc = {
    "linear": dict(kernel="linear", C=1.0),
    "rbf": dict(kernel="rbf", C=2.0, gamma=0.5),
    "poly": dict(kernel="poly", C=0.5, gamma=0.5, coef0=1.0, degree=3),
}
for name, kw in svc.items():
    m = SVC(tol=1e-10, shrinking=True, **kw).fit(x, y)
    assert list(m.classes_) == [-1.0, 1.0]
    out[name + "_dual_coef"] = m.dual_coef_[0]
    out[name + "_support"] = m.support_.astype(float)
    out[name + "_intercept"] = m.intercept_
    out[name + "_decision"] = m.decision_function(xt)
    print(name, "nSV", len(m.support_), "b", m.intercept_[0])

# regression targets: a smooth function plus seeded noise
t = np.sin(x[:, 0]) + 0.5 * x[:, 1] + 0.1 * rng.normal(size=n)
out["t"] = t
krr = {
    "krr_linear": dict(kernel="linear", alpha=0.5),
    "krr_rbf": dict(kernel="rbf", alpha=0.1, gamma=0.5),
    "krr_poly": dict(kernel="poly", alpha=0.1, gamma=0.5, coef0=1.0, degree=2),
    "krr_laplacian": dict(kernel="laplacian", alpha=0.1, gamma=0.5),
}
for name, kw in krr.items():
    m = KernelRidge(**kw).fit(x, t)
    out[name + "_alpha"] = m.dual_coef_
    out[name + "_predict"] = m.predict(xt)

np.savez("svm.npz", **out)
print("sklearn", sklearn.__version__)

"""Write the public tables that the e2e and matrix runs generate projects from.

They ship inside PyPI packages, so nothing is downloaded at run time:
- breast_cancer.csv: scikit-learn's copy of the UCI Breast Cancer Wisconsin (Diagnostic) data
  (CC BY 4.0), binary label `target` (0 malignant, 1 benign), 30 float features whose names have spaces;
- penguins.csv: the palmerpenguins package's Palmer Archipelago penguins (CC0), here with the
  label `sex` (female/male; 11 rows unlabeled), two categoricals and missing measurements.
The CSVs in test/fixtures/tables are this script's output, committed so that CI needs neither
package:  python scripts/export_public_tables.py test/fixtures/tables
"""

import sys
from importlib.resources import files
from pathlib import Path

from sklearn.datasets import load_breast_cancer


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    cancer = load_breast_cancer(as_frame=True).frame
    cancer.to_csv(out / "breast_cancer.csv", index=False)
    penguins = files("palmerpenguins") / "data" / "penguins.csv"
    (out / "penguins.csv").write_bytes(penguins.read_bytes())
    print(f"wrote breast_cancer.csv ({len(cancer)} rows) and penguins.csv to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/tables"))

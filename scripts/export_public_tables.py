"""Write the public tables that the e2e and matrix runs generate projects from.

They ship inside PyPI packages, so nothing is downloaded at run time:
- breast_cancer.csv: scikit-learn's copy of the UCI Breast Cancer Wisconsin (Diagnostic) data
  (CC BY 4.0), binary label `target` (0 malignant, 1 benign), 30 float features whose names have spaces;
- penguins.csv: the palmerpenguins package's Palmer Archipelago penguins (CC0), here with the
  label `sex` (female/male; 11 rows unlabeled), two categoricals and missing measurements;
- diabetes.csv: scikit-learn's copy of the diabetes data of Efron et al. (2004), in its original
  units (scaled=False): regression of `target` (disease progression after a year), 10 numeric features;
- wine.csv: scikit-learn's copy of the UCI Wine recognition data (CC BY 4.0): three cultivars
  (`target` 0, 1, 2: multiclass), 13 float features, one of them named with a slash;
- cars.csv: the vega_datasets package's StatLib cars (Auto MPG): regression of `Miles_per_Gallon`
  (8 rows unlabeled), a date column (`Year`, the event timestamp), a categorical (`Origin`), a
  nearly unique name that is left out, and missing horsepower;
- seattle_weather.csv: the vega_datasets package's Seattle weather 2012-2015 (NOAA, public domain):
  five classes of `weather` (sun, fog, rain, drizzle, snow; 23 rows of snow), four numeric features
  and a `date` column, written here as ISO 8601 (the package writes 2012/01/01). With
  --timestamp-column none the date is a feature (its year, month, day and weekday: the season).
The CSVs in test/fixtures/tables are this script's output, committed so that CI needs neither
package:  python scripts/export_public_tables.py test/fixtures/tables
"""

import sys
from importlib.resources import files
from pathlib import Path

import pandas as pd
from sklearn.datasets import load_breast_cancer, load_diabetes, load_wine


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    cancer = load_breast_cancer(as_frame=True).frame
    cancer.to_csv(out / "breast_cancer.csv", index=False)
    penguins = files("palmerpenguins") / "data" / "penguins.csv"
    (out / "penguins.csv").write_bytes(penguins.read_bytes())
    diabetes = load_diabetes(as_frame=True, scaled=False).frame
    diabetes.to_csv(out / "diabetes.csv", index=False)
    wine = load_wine(as_frame=True).frame
    wine.to_csv(out / "wine.csv", index=False)
    cars = pd.read_json(str(files("vega_datasets") / "_data" / "cars.json"))
    cars.to_csv(out / "cars.csv", index=False)
    weather = pd.read_csv(str(files("vega_datasets") / "_data" / "seattle-weather.csv"))
    weather["date"] = pd.to_datetime(weather["date"], format="%Y/%m/%d").dt.strftime("%Y-%m-%d")
    weather.to_csv(out / "seattle_weather.csv", index=False)
    print(
        f"wrote breast_cancer.csv ({len(cancer)} rows), penguins.csv, diabetes.csv ({len(diabetes)}), wine.csv ({len(wine)}), "
        f"cars.csv ({len(cars)}) and seattle_weather.csv ({len(weather)}) to {out}"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/tables"))

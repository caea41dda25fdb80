"""Analysis tools run on the data and on simulation results (calibration, reports)."""

"""Constants of the validation protocol shared by the harness (analysis/validate.py) and its
report (analysis/validation_report.py); docs/EVIDENCE.md §5."""

LAST_OBS_YEAR = 2024  # last year of release A
OBS_NOISE_B = 0.15    # pp, release-revision noise for release B's estimate years
PIT_BINS = 10
MODEL, V1 = "v2", "v1"  # the forecasters' names for the model and its predecessor

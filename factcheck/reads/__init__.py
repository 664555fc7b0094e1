"""Read helpers every page shares, below the features: pagination (`paging`) and the
per-process copies of rarely-changing reference data (`reference`)."""

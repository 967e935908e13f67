"""The statistics: ratios with 95% intervals, the noise floor, and one row per adapter."""

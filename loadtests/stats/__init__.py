"""The statistics: ratios with bootstrap intervals, the noise floor, and one row per adapter."""

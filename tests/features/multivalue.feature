multi-value

raise RuntimeError("boom while importing")

[tag]
	prefix = a..b

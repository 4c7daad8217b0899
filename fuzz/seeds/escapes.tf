a = "é\u00e9\n\t"
b = 1.5e3

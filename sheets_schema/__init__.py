"""What a workspace looks like: tables, columns, choice lists, rules, texts. Pure data and functions."""

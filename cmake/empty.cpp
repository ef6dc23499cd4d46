// Keeps every component library non-empty while its folder fills up.

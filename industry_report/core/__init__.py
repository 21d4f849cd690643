"""What every stage shares: errors, file output, input validation, number formats, code lists."""

"""Field instruments: the forms people fill in (entry workbook, expert workbook, printable
questionnaire) and the reading of the returned workbooks back into the build."""

"""Workbooks the way Excel and LibreOffice really produce them, and the tools to compare two of them.

See README.md in this folder for how each workbook is made.
"""

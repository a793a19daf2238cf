"""Weekly texts (texts.yml): how long a text is as an SMS (`sms.py`), where
it falls in a family's weeks (`weeks.py`) and the dates of one family's
schedule (`schedule.py`). Pure functions of the model; no file is read here."""

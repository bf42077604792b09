"""Vietnamese input formats, which Django's own `vi` locale leaves to the US defaults.

Without them the admin reads "05/11/2026" as 11 May (month first) and refuses
"27/11/2026". Editors type day/month/year; ISO dates stay accepted. The display
formats (DATE_FORMAT…) still come from Django's `vi` locale.
"""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 27/11/2026, also what the admin's date widget shows and the calendar fills in
    "%d-%m-%Y",  # 27-11-2026
    "%Y-%m-%d",  # 2026-11-27
]
TIME_INPUT_FORMATS = [
    "%H:%M:%S",  # first: what the admin's time widget shows, so re-saving keeps the seconds
    "%H:%M",  # 14:30, as editors type it
]
DATETIME_INPUT_FORMATS = [
    *(f"{date} {time}" for date in DATE_INPUT_FORMATS for time in TIME_INPUT_FORMATS),
    *DATE_INPUT_FORMATS,
]
# Vietnamese calendars start the week on Monday (Thứ Hai); Django's `vi` leaves it unset.
FIRST_DAY_OF_WEEK = 1

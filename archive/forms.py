from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone

MAX_DAYS = 366


class PublishedRangeForm(forms.Form):
    """A range of days (inclusive, local time) of the as-published record."""

    start = forms.DateField(label="Từ ngày")
    end = forms.DateField(label="Đến ngày", help_text="Tính cả ngày này.")

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError("“Đến ngày” phải sau hoặc trùng “Từ ngày”.")
            if (end - start).days >= MAX_DAYS:
                raise forms.ValidationError(
                    f"Mỗi gói chỉ gồm tối đa {MAX_DAYS} ngày; hãy chia thành nhiều gói."
                )
        return cleaned_data

    def moments(self):
        """[start, end) as aware datetimes: the first day's midnight to the day after the last."""
        tz = timezone.get_current_timezone()
        start = datetime.combine(self.cleaned_data["start"], time(), tz)
        end = datetime.combine(self.cleaned_data["end"] + timedelta(days=1), time(), tz)
        return start, end

    def filename(self):
        return (
            f"luu-tru-ban-da-xuat-ban-{self.cleaned_data['start']:%Y%m%d}"
            f"-{self.cleaned_data['end']:%Y%m%d}.zip"
        )

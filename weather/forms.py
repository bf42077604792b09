from django import forms

from .models import Forecast, WeatherWarning


class ForecastForm(forms.ModelForm):
    warnings = forms.MultipleChoiceField(
        label="Cảnh báo",
        choices=WeatherWarning.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Forecast
        fields = ["area", "sky", "rain", "temperature_min", "temperature_max", "wind", "warnings"]
        widgets = {
            # Short boxes of two lines: seven columns fit beside the admin's menu.
            "sky": forms.Textarea(attrs={"rows": 2, "cols": 16}),
            "rain": forms.Textarea(attrs={"rows": 2, "cols": 12}),
            "wind": forms.Textarea(attrs={"rows": 2, "cols": 12}),
        }

    def has_changed(self):
        # A row pre-filled for an area (a new bulletin, or copied from the day before)
        # is saved as it is: an editor who agrees with the copy changes nothing.
        return super().has_changed() or bool(self.initial.get("area"))

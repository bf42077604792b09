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
            "sky": forms.TextInput(attrs={"size": 24}),
            "rain": forms.TextInput(attrs={"size": 18}),
            "wind": forms.TextInput(attrs={"size": 18}),
        }

    def has_changed(self):
        # A row pre-filled for an area (a new bulletin, or copied from the day before)
        # is saved as it is: an editor who agrees with the copy changes nothing.
        return super().has_changed() or bool(self.initial.get("area"))

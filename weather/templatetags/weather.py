from django import template

from weather.sidebar import TodaysWeather

register = template.Library()


@register.simple_tag(takes_context=True)
def todays_weather(context):
    """The sidebar's "Thời tiết hôm nay" box (nothing when no bulletin is in force).

    The box is our template's output (a SafeString, its data escaped there), so
    the tag prints it as it is.
    """
    return TodaysWeather(context.get("request")).html()

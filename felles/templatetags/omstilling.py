from django import template

from felles import formatting

register = template.Library()

register.filter("kr", formatting.kr)
register.filter("timer", formatting.timer)
register.filter("dato", formatting.dato)
register.filter("tusen", formatting.group_thousands)

from django import template

from applications.services import application_for_job

register = template.Library()


@register.simple_tag(takes_context=True)
def application_for(context, job):
    """The signed-in user's application for a catalogue job (or its duplicate group)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if job is None or user is None or not user.is_authenticated:
        return None
    return application_for_job(user=user, job=job)

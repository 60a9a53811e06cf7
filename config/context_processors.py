from django.conf import settings


def site(request):
    return {"CHARTJS_URL": settings.CHARTJS_URL, "CHARTJS_INTEGRITY": settings.CHARTJS_INTEGRITY}

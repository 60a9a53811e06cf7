from django.urls import path

from . import api
from .views import authorities, pages, upload

urlpatterns = [
    path("", authorities.overview, name="home"),
    path("authorities/", authorities.authority_list, name="authority-list"),
    path("authorities/search/", authorities.authority_search, name="authority-search"),
    path("authorities/<slug:slug>/", authorities.authority_detail, name="authority-detail"),
    path("compare/", authorities.compare, name="compare"),
    path("healthz", pages.healthz, name="healthz"),
    path("visits/<int:pk>/", pages.visit_detail, name="visit-detail"),
    path("sources/<int:pk>/", pages.source_detail, name="source-detail"),
    path("sources/<int:pk>/original", pages.source_original, name="source-original"),
    path("findings/", pages.findings, name="findings"),
    path("findings/export.csv", pages.findings_export_csv, name="findings-export-csv"),
    path("findings/export.json", pages.findings_export_json, name="findings-export-json"),
    path("upload/", upload.upload, name="upload"),
    path("upload/<int:pk>/", upload.upload_review, name="upload-review"),
    path("upload/<int:pk>/publish", upload.upload_publish, name="upload-publish"),
    path("api/authorities/", api.authorities, name="api-authorities"),
    path("api/authorities/<slug:slug>/", api.authority, name="api-authority"),
    path("api/findings/", api.findings, name="api-findings"),
]

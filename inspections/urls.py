from django.urls import path

from . import api, upload, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("visits/<int:pk>/", views.visit_detail, name="visit-detail"),
    path("sources/<int:pk>/", views.source_detail, name="source-detail"),
    path("sources/<int:pk>/original", views.source_original, name="source-original"),
    path("findings/", views.findings, name="findings"),
    path("findings/export.csv", views.findings_export_csv, name="findings-export-csv"),
    path("findings/export.json", views.findings_export_json, name="findings-export-json"),
    path("upload/", upload.upload, name="upload"),
    path("upload/<int:pk>/", upload.upload_review, name="upload-review"),
    path("upload/<int:pk>/publish", upload.upload_publish, name="upload-publish"),
    path("api/authorities/", api.authorities, name="api-authorities"),
    path("api/authorities/<slug:slug>/", api.authority, name="api-authority"),
    path("api/findings/", api.findings, name="api-findings"),
]

from django.contrib.auth import views as auth_views
from django.urls import path

from dashboard import api
from dashboard.views import audit, authorities, compare, corrections, findings, health, sync, upload, visits

urlpatterns = [
    path("", authorities.overview, name="home"),
    path("authorities/", authorities.authority_list, name="authority-list"),
    path("authorities/search/", authorities.authority_search, name="authority-search"),
    path("authorities/<slug:slug>/", authorities.authority_detail, name="authority-detail"),
    path("compare/", compare.compare, name="compare"),
    path("compare/themes.csv", compare.compare_themes_csv, name="compare-themes-csv"),
    path("healthz", health.healthz, name="healthz"),
    path("visits/<int:pk>/", visits.visit_detail, name="visit-detail"),
    path("sources/<int:pk>/", visits.source_detail, name="source-detail"),
    path("sources/<int:pk>/original", visits.source_original, name="source-original"),
    path("findings/", findings.findings, name="findings"),
    path("findings/export.csv", findings.findings_export_csv, name="findings-export-csv"),
    path("findings/export.json", findings.findings_export_json, name="findings-export-json"),
    path("upload/", upload.upload, name="upload"),
    path("upload/<int:pk>/", upload.upload_review, name="upload-review"),
    path("upload/<int:pk>/publish", upload.upload_publish, name="upload-publish"),
    path("upload/<int:pk>/replace", upload.upload_replace, name="upload-replace"),
    path("upload/<int:pk>/discard", upload.upload_discard, name="upload-discard"),
    path("sync/", sync.sync_runs, name="sync-runs"),
    path("findings/<int:pk>/correct", corrections.finding_correct, name="finding-correct"),
    path("judgements/<int:pk>/correct", corrections.judgement_correct, name="judgement-correct"),
    path("visits/<int:pk>/correct", corrections.visit_correct, name="visit-correct"),
    path("audit/", audit.audit_log, name="audit-log"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/authorities/", api.authorities, name="api-authorities"),
    path("api/authorities/<slug:slug>/", api.authority, name="api-authority"),
    path("api/findings/", api.findings, name="api-findings"),
]

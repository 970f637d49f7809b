from django.contrib import admin

from lintas.network.models import JointLab, Mechanism, Platform, SciencePark


@admin.register(JointLab)
class JointLabAdmin(admin.ModelAdmin):
    list_display = ("name", "sector", "status", "launched", "illustrative")
    list_filter = ("status", "sector", "illustrative")
    search_fields = ("name", "description")
    filter_horizontal = ("partners",)


@admin.register(SciencePark)
class ScienceParkAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "city", "status", "illustrative")
    list_filter = ("status", "country")
    search_fields = ("name", "focus")


@admin.register(Mechanism)
class MechanismAdmin(admin.ModelAdmin):
    list_display = ("name", "country_a", "country_b", "established", "working_group")
    search_fields = ("name",)


@admin.register(Platform)
class PlatformAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "country", "launched")
    list_filter = ("kind",)
    search_fields = ("name", "description")

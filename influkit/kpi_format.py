"""Kept for code written before the KPI catalogue: use :mod:`influkit.kpis` instead."""

from influkit.kpis import fmt_kpi

__all__ = ["fmt_kpi"]

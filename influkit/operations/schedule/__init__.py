"""The retro-planning: working-day calendars and the backward scheduler (:mod:`.scheduler`), and its Gantt chart and editable table (:mod:`.gantt`)."""

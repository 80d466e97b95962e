"""What a user reads: the locale catalogues (:mod:`.i18n`), French and English number, money and date formats (:mod:`.formats`) and the shared look of every chart (:mod:`.chart_style`)."""

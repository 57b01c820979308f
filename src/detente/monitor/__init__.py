"""Monitoring: watch feeds, sitemaps and pages; alert on what matters; digest what happened."""

DROP TABLE visitor_pages;
DROP TABLE visitors;

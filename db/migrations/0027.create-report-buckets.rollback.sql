DROP TABLE report_buckets;

DROP TABLE chat_ratings;

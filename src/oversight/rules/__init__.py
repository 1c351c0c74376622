"""Plain functions for the rules about dates, deadlines and RAG ratings."""

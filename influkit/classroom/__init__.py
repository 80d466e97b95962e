"""The classroom: sessions, self-positioning, quizzes, class views, attestations, worked examples."""

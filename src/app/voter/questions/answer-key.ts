/** An answer's catalogue key: age bands share the eligibility question's, "prefer not" is one key. */
export function answerKey(question: string, answer: string): string {
  if (answer === 'prefer-not-to-say') return 'questions.prefer-not';
  if (question === 'age-band') return `questions.age.${answer}`;
  return `questions.answer.${question}.${answer}`;
}

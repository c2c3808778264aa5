/**
 * `word` after its indefinite article, for a message: "a completed", "an inbound" (by its first letter); `opening` a
 * sentence: "An active".
 */
export function withArticle(word: string, opening = false): string {
  const article = /^[aeiou]/i.test(word) ? 'an' : 'a';
  return `${opening ? article[0].toUpperCase() + article.slice(1) : article} ${word}`;
}

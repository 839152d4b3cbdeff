// Checks of ICU MessageFormat catalogues, shared by the tests of the server's catalogues and of
// the web app's: the placeholders a message uses, and plurals that only use the categories the
// language has (CLDR, as Intl.PluralRules knows them).
import { type MessageFormatElement, TYPE } from '@formatjs/icu-messageformat-parser';

/** Every argument a message uses (`{query}`, `{count, plural, …}`), nested ones included. */
export function placeholders(elements: MessageFormatElement[], found = new Set<string>()) {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      placeholders(element.children, found);
      continue;
    }
    found.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) placeholders(option.value, found);
    }
  }
  return found;
}

/**
 * What is wrong with the plurals of a message in `language`, nested ones included: a plural
 * without `other`, or a category the language does not have (`few` in French).
 */
export function pluralProblems(elements: MessageFormatElement[], language: string): string[] {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];
  const problems: string[] = [];
  const visit = (nodes: MessageFormatElement[]) => {
    for (const node of nodes) {
      if (node.type === TYPE.tag) visit(node.children);
      if (node.type !== TYPE.plural && node.type !== TYPE.select) continue;
      if (node.type === TYPE.plural) {
        const selectors = Object.keys(node.options);
        if (!selectors.includes('other')) problems.push(`{${node.value}} has no 'other'`);
        for (const selector of selectors) {
          if (!selector.startsWith('=') && !categories.includes(selector))
            problems.push(`{${node.value}} uses '${selector}', not a ${language} category`);
        }
      }
      for (const option of Object.values(node.options)) visit(option.value);
    }
  };
  visit(elements);
  return problems;
}

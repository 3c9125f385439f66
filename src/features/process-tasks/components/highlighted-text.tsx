import { VisibleText } from '../../../components/visible-text';
import { splitMatches } from '../model/highlight';

/** Data text with each occurrence of `keyword` marked (<mark>), otherwise inert visible text. */
export function HighlightedText({ text, keyword }: { text: string; keyword: string | undefined }) {
  const parts = splitMatches(text, keyword);
  if (parts.length === 1 && !parts[0]!.match) return <VisibleText text={text} />;
  return (
    <>
      {parts.map((p, i) =>
        p.match ? (
          <mark key={i} className="rtc-match">
            <VisibleText text={p.text} warning={false} />
          </mark>
        ) : (
          <VisibleText key={i} text={p.text} warning={false} />
        ),
      )}
    </>
  );
}

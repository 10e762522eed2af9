/**
 * Read aloud: a small button that reads one text with the device's speech synthesis. It shows only
 * where the device has a voice for the text's language, and is never needed to vote.
 */
import { useEffect, useState } from 'react';
import { useT } from '../i18n/react.tsx';
import styles from './VoterBar.module.css';

const base = (tag: string) => tag.split('-')[0]?.toLowerCase() ?? '';

function speech(): SpeechSynthesis | undefined {
  return typeof window !== 'undefined' && 'speechSynthesis' in window
    ? window.speechSynthesis
    : undefined;
}

/** The device's voices; they often arrive a moment after the page loads. */
function useVoices(): readonly SpeechSynthesisVoice[] {
  const [voices, setVoices] = useState<readonly SpeechSynthesisVoice[]>(
    () => speech()?.getVoices() ?? [],
  );
  useEffect(() => {
    const synth = speech();
    if (!synth) return;
    const update = () => setVoices(synth.getVoices());
    update();
    synth.addEventListener('voiceschanged', update);
    return () => synth.removeEventListener('voiceschanged', update);
  }, []);
  return voices;
}

/** The best voice for `lang`: the same tag, else the same language. */
export function voiceFor(
  voices: readonly SpeechSynthesisVoice[],
  lang: string,
): SpeechSynthesisVoice | undefined {
  const wanted = lang.toLowerCase();
  return (
    voices.find((v) => v.lang.toLowerCase() === wanted) ??
    voices.find((v) => base(v.lang) === base(wanted))
  );
}

interface ReadAloudProps {
  text: string;
  lang: string;
  /** What is read, for the button's full name ("Read aloud: the instructions"). */
  what: string;
}

export function ReadAloud({ text, lang, what }: ReadAloudProps) {
  const t = useT();
  const voice = voiceFor(useVoices(), lang);
  const [speaking, setSpeaking] = useState(false);
  // Stop reading when the text leaves the screen (next step, ballot ended).
  useEffect(() => () => speech()?.cancel(), []);
  const synth = speech();
  if (!synth || !voice) return null;

  const press = () => {
    synth.cancel();
    if (speaking) {
      setSpeaking(false);
      return;
    }
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = voice.lang;
    utterance.voice = voice;
    utterance.onend = () => setSpeaking(false);
    utterance.onerror = () => setSpeaking(false);
    setSpeaking(true);
    synth.speak(utterance);
  };

  return (
    <button
      type="button"
      className={`button secondary ${styles['readAloud']}`}
      aria-label={speaking ? t('voter.read-aloud.stop') : t('voter.read-aloud.about', { what })}
      onClick={press}
    >
      <svg
        className={styles['icon']}
        viewBox="0 0 24 24"
        aria-hidden="true"
        focusable="false"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
      >
        <path d="M4 9v6h4l5 4V5L8 9H4z" />
        <path d="M16.5 8.5a5 5 0 010 7M19 6a8.5 8.5 0 010 12" />
      </svg>
      <span>{speaking ? t('voter.read-aloud.stop') : t('voter.read-aloud')}</span>
    </button>
  );
}

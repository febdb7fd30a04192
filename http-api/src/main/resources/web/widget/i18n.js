// Every text the widget shows, in English and French, chosen by navigator.language.

const TEXTS = {
  en: {
    openChat: 'Open chat',
    closeChat: 'Close chat',
    chatWindow: 'Chat',
    unread: (n) => (n === 1 ? '1 unread message' : `${n} unread messages`),
    defaultChannel: 'Chat with us',
    loading: 'Loading…',
    statusAvailable: 'We are online',
    statusAway: 'Away right now',
    statusWaiting: (n) => `You are number ${n} in the queue`,
    statusWaitingUnknown: 'Waiting for an operator',
    statusActive: (name) => `You are chatting with ${name}`,
    statusClosed: 'Conversation ended',
    welcomeTitle: 'Hi there 👋',
    welcomeText: 'Have a question about a product or an order? Write to us and an operator will answer you right here.',
    awayTitle: 'Nobody is available right now',
    awayText: 'You can still leave a message: it waits in the queue and the first operator back answers it here. Keep this page or come back later, the conversation stays in this browser.',
    nameLabel: 'Your name (optional)',
    namePlaceholder: 'e.g. Alex',
    queueText: 'An operator will join as soon as one is free. You can keep browsing: this chat follows you from page to page.',
    composerLabel: 'Your message',
    composerPlaceholder: 'Write a message…',
    send: 'Send',
    you: 'You',
    sending: 'Sending…',
    retry: 'Retry',
    typing: (name) => `${name} is typing…`,
    someone: 'The operator',
    system: 'Info',
    reconnecting: 'Connection lost. Reconnecting…',
    expired: 'Your previous conversation has expired. You can start a new one.',
    ended: 'This conversation has ended',
    rateTitle: 'How was this conversation?',
    rate1: 'Bad',
    rate3: 'Okay',
    rate5: 'Great',
    commentLabel: 'Comment (optional)',
    commentPlaceholder: 'Tell us more…',
    submitRating: 'Send my rating',
    ratingThanks: 'Thank you for your feedback!',
    restart: 'Start a new conversation',
    poweredBy: 'Powered by livechat',
    errors: {
      network: 'The chat service cannot be reached. Check your connection and try again.',
      rate_limited: 'Too many attempts. Please wait a moment and try again.',
      queue_full: 'Our queue is full right now. Please try again in a few minutes.',
      conversation_closed: 'This conversation has ended.',
      not_delivered: 'Not delivered yet.',
      not_found: 'This chat is not available.',
      unavailable: 'The chat service did not answer in time. Please try again.',
    },
  },
  fr: {
    openChat: 'Ouvrir le chat',
    closeChat: 'Fermer le chat',
    chatWindow: 'Chat',
    unread: (n) => (n === 1 ? '1 message non lu' : `${n} messages non lus`),
    defaultChannel: 'Discutons',
    loading: 'Chargement…',
    statusAvailable: 'Nous sommes en ligne',
    statusAway: 'Absents pour le moment',
    statusWaiting: (n) => `Vous êtes numéro ${n} dans la file d’attente`,
    statusWaitingUnknown: 'En attente d’un conseiller',
    statusActive: (name) => `Vous discutez avec ${name}`,
    statusClosed: 'Conversation terminée',
    welcomeTitle: 'Bonjour 👋',
    welcomeText: 'Une question sur un produit ou une commande ? Écrivez-nous, un conseiller vous répondra ici même.',
    awayTitle: 'Personne n’est disponible pour le moment',
    awayText: 'Vous pouvez tout de même laisser un message : il attend dans la file et le premier conseiller de retour y répond ici. Gardez cette page ou revenez plus tard, la conversation reste dans ce navigateur.',
    nameLabel: 'Votre nom (facultatif)',
    namePlaceholder: 'ex. Alex',
    queueText: 'Un conseiller vous rejoindra dès qu’il sera libre. Vous pouvez continuer à naviguer : ce chat vous suit de page en page.',
    composerLabel: 'Votre message',
    composerPlaceholder: 'Écrivez un message…',
    send: 'Envoyer',
    you: 'Vous',
    sending: 'Envoi…',
    retry: 'Réessayer',
    typing: (name) => `${name} est en train d’écrire…`,
    someone: 'Le conseiller',
    system: 'Info',
    reconnecting: 'Connexion perdue. Reconnexion…',
    expired: 'Votre conversation précédente a expiré. Vous pouvez en commencer une nouvelle.',
    ended: 'Cette conversation est terminée',
    rateTitle: 'Comment s’est passée cette conversation ?',
    rate1: 'Mauvaise',
    rate3: 'Correcte',
    rate5: 'Excellente',
    commentLabel: 'Commentaire (facultatif)',
    commentPlaceholder: 'Dites-nous en plus…',
    submitRating: 'Envoyer ma note',
    ratingThanks: 'Merci pour votre avis !',
    restart: 'Démarrer une nouvelle conversation',
    poweredBy: 'Propulsé par livechat',
    errors: {
      network: 'Le service de chat est injoignable. Vérifiez votre connexion et réessayez.',
      rate_limited: 'Trop de tentatives. Patientez un instant puis réessayez.',
      queue_full: 'Notre file d’attente est pleine. Réessayez dans quelques minutes.',
      conversation_closed: 'Cette conversation est terminée.',
      not_delivered: 'Pas encore distribué.',
      not_found: 'Ce chat n’est pas disponible.',
      unavailable: 'Le service de chat n’a pas répondu à temps. Réessayez.',
    },
  },
};

export const lang = /^fr/i.test(navigator.language || '') ? 'fr' : 'en';

const texts = TEXTS[lang];

/** The text for `key`, with `arg` when the text takes one. */
export function t(key, arg) {
  const text = texts[key];
  return typeof text === 'function' ? text(arg) : text;
}

/** What to tell the visitor about a failure: our own words for known codes, else the server's. */
export function errorText(error) {
  return texts.errors[error?.code] || error?.message || texts.errors.network;
}

/** A time as HH:MM (24 h, local). */
export function clock(iso) {
  const date = iso ? new Date(iso) : new Date();
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

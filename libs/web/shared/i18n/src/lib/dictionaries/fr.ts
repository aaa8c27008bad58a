import type { Dictionary } from './en';

/*
 * French UI text. Typed as `Dictionary`: a key missing here, or one English does not have, is a
 * compile error. French typography: a no-break space (\u00a0) inside « » and before ":", a narrow
 * no-break space (\u202f) before "?", "!" and ";", and the typographic apostrophe ’.
 */
export const fr: Dictionary = {
  common: {
    cancel: 'Annuler',
    close: 'Fermer',
    confirm: 'Confirmer',
    save: 'Enregistrer',
    delete: 'Supprimer',
    retry: 'Réessayer',
    optional: '(facultatif)',
  },
  language: {
    label: 'Langue',
  },
  titles: {
    home: 'SUPCHAT',
    signIn: 'Connexion · SUPCHAT',
    register: 'Créer un compte · SUPCHAT',
  },
  auth: {
    fields: {
      email: 'Adresse e-mail',
      password: 'Mot de passe',
      username: 'Nom d’utilisateur',
      displayName: 'Nom affiché',
    },
    login: {
      heading: 'Connexion',
      lead: 'Bon retour parmi nous. Connectez-vous pour reprendre vos conversations.',
      submit: 'Se connecter',
      submitting: 'Connexion…',
      newHere: 'Pas encore de compte\u202f?',
      createAccount: 'Créer un compte',
    },
    register: {
      heading: 'Créer votre compte',
      lead: 'Un seul compte pour tous vos canaux et conversations.',
      usernameHint:
        'De {min} à {max} lettres, chiffres, «\u00a0_\u00a0», «\u00a0.\u00a0» ou «\u00a0-\u00a0». Les autres vous mentionnent avec @nom.',
      displayNameHint: 'Le nom que voient les autres. Par défaut, votre nom d’utilisateur.',
      passwordHint: 'Au moins {min} caractères. Quelques mots pris au hasard font un mot de passe solide.',
      submit: 'Créer le compte',
      submitting: 'Création du compte…',
      haveAccount: 'Vous avez déjà un compte\u202f?',
      signIn: 'Se connecter',
    },
    errors: {
      invalidCredentials: 'Adresse e-mail ou mot de passe incorrect',
      emailTaken: 'Cette adresse e-mail est déjà utilisée',
      usernameTaken: 'Ce nom d’utilisateur est déjà pris',
    },
  },
  forms: {
    required: 'Le champ «\u00a0{label}\u00a0» est obligatoire',
    email: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr',
    usernameCharacters:
      'Le champ «\u00a0{label}\u00a0» ne peut contenir que des lettres, des chiffres, «\u00a0_\u00a0», «\u00a0.\u00a0» et «\u00a0-\u00a0»',
    minLength: {
      one: 'Le champ «\u00a0{label}\u00a0» doit contenir au moins {count} caractère',
      other: 'Le champ «\u00a0{label}\u00a0» doit contenir au moins {count} caractères',
    },
    maxLength: {
      one: 'Le champ «\u00a0{label}\u00a0» doit contenir au plus {count} caractère',
      other: 'Le champ «\u00a0{label}\u00a0» doit contenir au plus {count} caractères',
    },
    invalid: 'Le champ «\u00a0{label}\u00a0» n’est pas valide',
  },
  errors: {
    network: 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
    sessionEnded: 'Votre session a pris fin. Veuillez vous reconnecter.',
    forbidden: 'Cette action ne vous est pas permise.',
    notFound: 'Introuvable.',
    tooLarge: 'C’est trop volumineux pour être envoyé.',
    rateLimited: {
      one: 'Trop de tentatives. Réessayez dans {count}\u00a0s.',
      other: 'Trop de tentatives. Réessayez dans {count}\u00a0s.',
    },
    tooManyRequests: 'Trop de requêtes. Patientez un instant puis réessayez.',
    correctFields: 'Veuillez corriger les champs signalés.',
    server:
      'Une erreur est survenue sur le serveur. Veuillez réessayer (identifiant de requête\u00a0: {requestId}).',
    serverProblem: 'Le serveur a rencontré un problème. Veuillez réessayer.',
    generic: 'Une erreur est survenue. Veuillez réessayer.',
  },
  home: {
    signedInAs: 'Session de',
    adminBadge: 'admin',
    adminTitle: 'Administrateur',
    signOut: 'Se déconnecter',
    signingOut: 'Déconnexion…',
    welcome: 'Bienvenue',
    welcomeName: 'Bienvenue, {name}',
    comingSoon:
      'L’interface de discussion arrive bientôt\u00a0: canaux, messages directs, fils de discussion et mentions apparaîtront ici.',
    sessionNote:
      'Votre session reste ouverte après un rechargement et dans tous vos onglets, jusqu’à ce que vous vous déconnectiez.',
  },
  time: {
    justNow: 'à l’instant',
  },
  presence: {
    online: 'En ligne',
    away: 'Absent',
    offline: 'Hors ligne',
    lastSeenJustNow: 'Dernière connexion à l’instant',
    lastSeen: 'Dernière connexion {time}',
    lastSeenOn: 'Dernière connexion le {date}',
  },
  message: {
    edited: '(modifié)',
    editedAt: 'Modifié le {time}',
    deleted: 'Ce message a été supprimé',
    sending: 'Envoi…',
    failed: 'Non envoyé.',
    retry: 'Réessayer',
    actions: 'Actions sur le message',
    react: 'Ajouter une réaction',
    replyInThread: 'Répondre dans le fil',
    edit: 'Modifier',
    delete: 'Supprimer',
    deleteConfirm: 'Supprimer ce message\u202f? Cette action est irréversible.',
    editLabel: 'Modifier le message',
    editHint: 'Entrée pour enregistrer · Échap pour annuler · Maj+Entrée pour aller à la ligne',
    editEmpty: 'Un message ne peut pas être vide. Utilisez Supprimer pour le retirer.',
    replies: { one: '{count} réponse', other: '{count} réponses' },
    lastReply: 'dernière réponse {time}',
    mentionsYou: 'Vous mentionne',
  },
  reactions: {
    label: { one: '{emoji}\u00a0: {count} réaction', other: '{emoji}\u00a0: {count} réactions' },
    labelWithYou: {
      one: '{emoji}\u00a0: {count} réaction, la vôtre',
      other: '{emoji}\u00a0: {count} réactions, dont la vôtre',
    },
    reactedBy: 'Réactions de {names}',
    you: 'vous',
    bar: 'Réactions',
  },
  composer: {
    label: 'Message',
    placeholder: 'Écrire un message…',
    send: 'Envoyer',
    hint: 'Entrée pour envoyer · Maj+Entrée pour aller à la ligne',
    remaining: { one: '{count} caractère restant', other: '{count} caractères restants' },
    tooLong: { one: '{count} caractère en trop', other: '{count} caractères en trop' },
    suggestions: 'Personnes à mentionner',
    suggestionCount: { one: '{count} suggestion', other: '{count} suggestions' },
    channelWide: {
      channel: 'Notifier tout le canal',
      here: 'Notifier les membres du canal qui sont en ligne',
      everyone: 'Notifier tout le monde dans ce canal',
    },
  },
  emoji: {
    picker: 'Émojis',
    search: 'Rechercher un émoji',
    noResults: 'Aucun émoji trouvé',
    categories: {
      smileys: 'Smileys et émotions',
      people: 'Personnes et gestes',
      hearts: 'Cœurs et symboles',
      nature: 'Animaux et nature',
      food: 'Nourriture et boissons',
      activities: 'Activités et voyages',
      objects: 'Objets',
    },
  },
  typing: {
    single: '{name} est en train d’écrire…',
    pair: '{first} et {second} sont en train d’écrire…',
    several: 'Plusieurs personnes sont en train d’écrire…',
  },
  connection: {
    connecting: 'Connexion…',
    reconnecting: 'Connexion perdue. Reconnexion…',
    offline: 'Vous êtes hors ligne. Les messages seront envoyés dès le retour de la connexion.',
    retry: 'Réessayer maintenant',
  },
  unread: {
    messages: { one: '{count} message non lu', other: '{count} messages non lus' },
    mentions: { one: '{count} mention', other: '{count} mentions' },
  },
  dividers: {
    newMessages: 'Nouveaux messages',
  },
};

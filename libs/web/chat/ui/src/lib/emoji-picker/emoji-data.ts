/**
 * About 170 common emoji for reactions, without skin tones, by category. Each line is
 * `emoji|English names|French names`: the first name is the label, the others are search keywords.
 */

export type EmojiCategoryId = 'smileys' | 'people' | 'hearts' | 'nature' | 'food' | 'activities' | 'objects';

export interface EmojiEntry {
  emoji: string;
  /** Label in English, then keywords. */
  en: readonly string[];
  /** Label in French, then keywords. */
  fr: readonly string[];
}

export interface EmojiCategory {
  id: EmojiCategoryId;
  entries: readonly EmojiEntry[];
}

const SOURCE: Record<EmojiCategoryId, string> = {
  smileys: `
😀|grinning face, smile, happy|visage rieur, sourire, content
😃|grinning face with big eyes, smile|visage rieur aux grands yeux, sourire
😄|grinning face with smiling eyes, laugh|visage très rieur, rire
😁|beaming face, grin|visage rayonnant, grand sourire
😆|laughing, lol|rire aux éclats, mdr
😅|sweat smile, phew|rire nerveux, ouf
🤣|rolling on the floor laughing, rofl|mort de rire, ptdr
😂|tears of joy, lol|larmes de joie, mdr
🙂|slightly smiling face|visage avec un léger sourire
🙃|upside-down face, irony|visage à l’envers, ironie
😉|winking face, wink|clin d’œil
😊|smiling face, blush|visage souriant, rougir
😇|halo, angel, innocent|auréole, ange, innocent
🥰|smiling face with hearts, love|visage souriant avec des cœurs, amour
😍|heart eyes, love|yeux en cœur, amour
🤩|star-struck, wow|visage avec des étoiles, waouh
😘|blowing a kiss|bisou, bise
😋|yummy, delicious|miam, délicieux
😛|tongue out|langue tirée
😜|winking with tongue, joke|clin d’œil langue tirée, blague
🤪|zany face, crazy|visage loufoque, fou
🤗|hugging face, hug|câlin, accolade
🤭|hand over mouth, oops|main sur la bouche, oups
🤫|shushing face, secret|chut, secret
🤔|thinking face, hmm|visage pensif, réfléchir, hum
🤨|raised eyebrow, skeptical|sourcil levé, sceptique
😐|neutral face, meh|visage neutre, bof
😶|speechless, no mouth|sans voix
🙄|rolling eyes|yeux au ciel, lever les yeux
😏|smirking face|sourire narquois
😬|grimacing face, awkward|grimace, gêne
😌|relieved face|soulagé
😔|pensive face, sad|songeur, triste
😴|sleeping, tired|dort, sommeil, fatigué
😷|face with mask, sick|masque, malade
🤯|mind blown, exploding head|tête qui explose, époustouflé
🥳|party face, celebrate|fête, célébrer
😎|sunglasses, cool|lunettes de soleil, cool
🤓|nerd face, geek|intello, geek
😕|confused face|confus, perplexe
😮|open mouth, surprised|bouche ouverte, surpris
🥺|pleading face, please|suppliant, s’il te plaît
😢|crying face, sad|larme, triste
😭|sobbing, crying|pleure à chaudes larmes
😱|screaming in fear, shock|cri de peur, choc
😤|huffing, frustrated|fulmine, frustré
😡|angry face, mad|en colère, furieux
💀|skull, dead|tête de mort, mort
🤡|clown face|clown
👻|ghost, boo|fantôme
🤖|robot, bot|robot, bot
`,
  people: `
👍|thumbs up, +1, yes, like|pouce levé, oui, d’accord, j’aime
👎|thumbs down, -1, no, dislike|pouce baissé, non, je n’aime pas
👌|OK hand, perfect|OK, parfait
✌️|victory hand, peace|victoire, paix
🤞|crossed fingers, luck|doigts croisés, chance
🤟|love-you gesture|je t’aime en signes
🤘|sign of the horns, rock|cornes, rock
🤙|call me hand|appelle-moi
👈|pointing left|main pointant à gauche
👉|pointing right|main pointant à droite
👆|pointing up|main pointant vers le haut
👇|pointing down|main pointant vers le bas
☝️|index pointing up|index levé
👋|waving hand, hello, bye|salut, coucou, au revoir
✋|raised hand, stop, high five|main levée, stop, tope là
👏|clapping hands, bravo|applaudissements, bravo
🙌|raising hands, hooray|mains levées, youpi
👐|open hands|mains ouvertes
🤝|handshake, deal|poignée de main, accord, marché conclu
🙏|folded hands, please, thanks|mains jointes, merci, s’il vous plaît
💪|flexed biceps, strong|biceps, force, costaud
👀|eyes, look, watching|yeux, regarder
🧠|brain, smart|cerveau, intelligent
🫡|saluting face, yes sir|salut militaire, à vos ordres
🤷|shrug, dunno|haussement d’épaules, aucune idée
🤦|facepalm|consterné, main sur le visage
🙋|person raising hand, me|personne qui lève la main, moi
🙇|person bowing, sorry|personne qui s’incline, désolé
`,
  hearts: `
❤️|red heart, love|cœur rouge, amour
🧡|orange heart|cœur orange
💛|yellow heart|cœur jaune
💚|green heart|cœur vert
💙|blue heart|cœur bleu
💜|purple heart|cœur violet
🖤|black heart|cœur noir
🤍|white heart|cœur blanc
💔|broken heart|cœur brisé
💕|two hearts|deux cœurs
💯|hundred points, perfect|cent points, parfait
✅|check mark button, done|bouton coché, fait, terminé
✔️|check mark, ok|coche, ok
❌|cross mark, no, wrong|croix, non, faux
❗|exclamation mark, important|point d’exclamation, important
❓|question mark|point d’interrogation, question
⚠️|warning, caution|avertissement, attention
🚫|prohibited, forbidden|interdit
💤|zzz, sleep|zzz, dodo
💬|speech balloon, comment|bulle de dialogue, commentaire
🔥|fire, lit, hot|feu, chaud, génial
✨|sparkles, shiny|étincelles, brillant
⭐|star|étoile
🌟|glowing star|étoile brillante
⚡|high voltage, lightning, fast|éclair, rapide
💥|collision, boom|explosion, boum
🎉|party popper, tada, congrats|confettis, fête, félicitations
➕|plus, add|plus, ajouter
➖|minus|moins
🆗|OK button|bouton OK
🆕|new button|bouton nouveau
`,
  nature: `
🐶|dog|chien
🐱|cat|chat
🐭|mouse|souris
🦊|fox|renard
🐻|bear|ours
🐼|panda|panda
🐨|koala|koala
🐯|tiger|tigre
🦁|lion|lion
🐮|cow|vache
🐷|pig|cochon
🐸|frog|grenouille
🐵|monkey|singe
🙈|see-no-evil monkey|singe qui ne voit rien
🐔|chicken|poule
🐧|penguin|manchot, pingouin
🦄|unicorn|licorne
🐝|honeybee, bee|abeille
🦋|butterfly|papillon
🐢|turtle, slow|tortue, lent
🐙|octopus|pieuvre
🌸|cherry blossom, flower|fleur de cerisier, fleur
🌻|sunflower|tournesol
🌳|tree|arbre
🍀|four leaf clover, luck|trèfle à quatre feuilles, chance
🌈|rainbow|arc-en-ciel
☀️|sun, sunny|soleil, ensoleillé
🌙|crescent moon, night|lune, nuit
❄️|snowflake, cold|flocon de neige, froid
🌊|water wave, sea|vague, mer
`,
  food: `
🍎|red apple|pomme
🍌|banana|banane
🍓|strawberry|fraise
🍇|grapes|raisin
🍋|lemon|citron
🥑|avocado|avocat
🥐|croissant|croissant
🥖|baguette bread|baguette, pain
🧀|cheese|fromage
🍕|pizza|pizza
🍔|hamburger, burger|hamburger, burger
🍟|french fries|frites
🌮|taco|taco
🍣|sushi|sushi
🍜|steaming bowl, noodles, ramen|bol fumant, nouilles, ramen
🍰|shortcake, cake|gâteau, part de gâteau
🎂|birthday cake|gâteau d’anniversaire
🍪|cookie|cookie, biscuit
🍫|chocolate bar|chocolat
🍿|popcorn|pop-corn
☕|hot beverage, coffee|boisson chaude, café
🍵|teacup, tea|tasse de thé, thé
🍺|beer mug|bière
🍻|clinking beer mugs, cheers|chopes de bière, santé, trinquer
🍷|wine glass|verre de vin, vin
🥂|clinking glasses, champagne|trinquer, champagne
`,
  activities: `
⚽|soccer ball, football|ballon de football, foot
🏀|basketball|basket
🎾|tennis|tennis
🏆|trophy, winner|trophée, gagnant
🥇|gold medal, first|médaille d’or, premier
🎯|bullseye, target|dans le mille, cible
🎮|video game|jeu vidéo, manette
🎲|game die|dé
🎸|guitar|guitare
🎵|musical note, music|note de musique, musique
🎨|artist palette, art|palette, art
🎬|clapper board, movie|clap, cinéma, film
🎁|wrapped gift, present|cadeau
🎈|balloon|ballon de baudruche
🚀|rocket, launch, ship it|fusée, lancement, déployer
✈️|airplane, travel|avion, voyage
🚗|car|voiture
🚲|bicycle|vélo
🚆|train|train
🏠|house, home|maison
🏖️|beach, holiday|plage, vacances
⛰️|mountain|montagne
🌍|globe, world|globe, monde, terre
`,
  objects: `
💻|laptop, computer|ordinateur portable
⌨️|keyboard|clavier
🖥️|desktop computer|ordinateur de bureau
📱|mobile phone|téléphone portable, mobile
☎️|telephone|téléphone
📷|camera, photo|appareil photo, photo
💡|light bulb, idea|ampoule, idée
🔧|wrench, fix|clé à molette, réparer
🔨|hammer|marteau
⚙️|gear, settings|engrenage, paramètres
🔒|locked, secure|cadenas fermé, sécurisé
🔑|key|clé
📌|pushpin, pin|punaise, épingler
📎|paperclip, attachment|trombone, pièce jointe
✏️|pencil, edit|crayon, modifier
📝|memo, note|mémo, note
📅|calendar, date|calendrier, date
📈|chart increasing, up|graphique en hausse, hausse
📉|chart decreasing, down|graphique en baisse, baisse
📊|bar chart, stats|histogramme, statistiques
📦|package, box|colis, boîte
📚|books, docs|livres, documentation
📣|megaphone, announcement|mégaphone, annonce
🔔|bell, notification|cloche, notification
⏰|alarm clock|réveil
⏳|hourglass, waiting|sablier, attente
🐞|lady beetle, bug|coccinelle, bug
🧪|test tube, test|éprouvette, test
🗑️|wastebasket, trash|corbeille, poubelle
🛠️|hammer and wrench, tools|outils
`,
};

function parse(lines: string): EmojiEntry[] {
  return lines
    .trim()
    .split('\n')
    .map((line) => {
      const [emoji, en, fr] = line.split('|');
      const names = (text: string) => text.split(',').map((name) => name.trim());
      return { emoji, en: names(en), fr: names(fr) };
    });
}

export const EMOJI_CATEGORIES: readonly EmojiCategory[] = (Object.keys(SOURCE) as EmojiCategoryId[]).map(
  (id) => ({ id, entries: parse(SOURCE[id]) }),
);

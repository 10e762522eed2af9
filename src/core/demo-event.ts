/**
 * The demo event a new station and a new server start with: a small UK decision day with a main
 * fund and a ring-fenced health pot. Images are small SVGs shipped in public/images.
 */
import type { Bid, EventDefinition } from './schema.ts';

/** A bid's texts in the demo's other languages (titles everywhere, summaries in Welsh). */
type BidTranslations = NonNullable<Bid['translations']>;

const bid = (
  id: string,
  title: string,
  group: string,
  pounds: number,
  category: string,
  summary: string,
  imageAlt: string,
) => ({
  id,
  title,
  group,
  amount: pounds * 100,
  category,
  summary,
  image: `images/${id}.svg`,
  imageAlt,
  ...(EASY_READ[id] && { easyRead: EASY_READ[id] }),
  ...(TRANSLATIONS[id] && { translations: TRANSLATIONS[id] }),
});

/** Easy-read summaries: short sentences, one idea each. Some bids have none, as in real events. */
const EASY_READ: Partial<Record<string, string>> = {
  'cooking-club': 'Young people learn to cook. They meet once a week. A cook helps them.',
  'walking-group': 'People go for walks together. Two times a week. There is a slow group too.',
  'chair-yoga': 'Older people do gentle exercise sitting on a chair. Then they have tea.',
  'warm-space': 'A warm room and a free hot lunch in winter. Three days a week.',
  'bike-repair': 'Bring your bike. People help you fix it for free.',
  'gala-day': 'A big summer party for everyone. Music, stalls and free food.',
};

const TRANSLATIONS: Partial<Record<string, BidTranslations>> = {
  'cooking-club': {
    cy: {
      title: 'Clwb coginio i bobl ifanc',
      summary:
        'Sesiynau coginio wythnosol i bobl 12–16 oed, gyda chynhwysion a chogydd hyfforddedig.',
      easyRead:
        'Mae pobl ifanc yn dysgu coginio. Maen nhw’n cwrdd unwaith yr wythnos. Mae cogydd yn helpu.',
    },
    gd: { title: 'Club còcaireachd na h-òigridh' },
    pl: { title: 'Klub kulinarny dla młodzieży' },
    ar: { title: 'نادي الطبخ للشباب' },
  },
  'walking-group': {
    cy: {
      title: 'Teithiau cerdded iechyd i bob oed',
      summary:
        'Teithiau cerdded dan arweiniad ddwywaith yr wythnos gydag arweinwyr hyfforddedig, gan gynnwys grŵp arafach.',
    },
    gd: { title: 'Cuairtean-coiseachd slàinte do gach aois' },
    pl: { title: 'Spacery dla zdrowia w każdym wieku' },
    ar: { title: 'نزهات صحية لجميع الأعمار' },
  },
  'community-garden': {
    cy: {
      title: 'Gwelyau uchel yn yr ardd gymunedol',
      summary: 'Gwelyau uchel hygyrch, offer a chasgen ddŵr fel bod pawb yn gallu tyfu bwyd.',
    },
    gd: { title: 'Leapannan àrda sa ghàrradh choimhearsnachd' },
    pl: { title: 'Podwyższone grządki w ogrodzie społecznym' },
    ar: { title: 'أحواض زراعة مرتفعة في الحديقة المجتمعية' },
  },
  'chair-yoga': {
    cy: {
      title: 'Ioga cadair i bobl hŷn',
      summary: 'Ymarfer corff ysgafn ar eistedd yn y neuadd bob dydd Mawrth, gyda phaned wedyn.',
    },
    gd: { title: 'Yoga cathrach do sheann daoine' },
    pl: { title: 'Joga na krzesłach dla seniorów' },
    ar: { title: 'يوغا على الكرسي لكبار السن' },
  },
  'football-kit': {
    cy: {
      title: 'Cit newydd i’r tîm dan 11',
      summary: 'Crysau, siorts a menig gôl-geidwad i ddau dîm pêl-droed iau.',
    },
    gd: { title: 'Aodach ùr don sgioba fo 11' },
    pl: { title: 'Nowe stroje dla drużyny do lat 11' },
    ar: { title: 'أطقم جديدة لفريق ما دون 11 عامًا' },
  },
  'litter-pickers': {
    cy: {
      title: 'Offer casglu sbwriel',
      summary:
        'Codwyr sbwriel, cylchoedd, menig a festiau llachar ar gyfer glanhau cymunedol bob mis.',
    },
    gd: { title: 'Uidheam togail sgudail' },
    pl: { title: 'Sprzęt do zbierania śmieci' },
    ar: { title: 'معدات جمع القمامة' },
  },
  'warm-space': {
    cy: {
      title: 'Cinio gaeaf mewn lle cynnes',
      summary:
        'Cinio poeth am ddim ac ystafell gynnes dri diwrnod yr wythnos o fis Tachwedd i fis Mawrth.',
    },
    gd: { title: 'Diathadan geamhraidh ann an àite blàth' },
    pl: { title: 'Zimowe obiady w ciepłym miejscu' },
    ar: { title: 'غداء شتوي في مكان دافئ' },
  },
  'mental-health': {
    cy: {
      title: 'Cymorth gan gymheiriaid: siarad amdano',
      summary:
        'Cefnogwyr cymheiriaid hyfforddedig yn cynnal sesiwn galw heibio wythnosol i unrhyw un sy’n cael trafferth.',
    },
    gd: { title: 'Taic bho cho-aoisean: bruidhinn mu dheidhinn' },
    pl: { title: 'Wsparcie rówieśnicze „Porozmawiajmy”' },
    ar: { title: 'دعم الأقران: لنتحدث' },
  },
  'bike-repair': {
    cy: {
      title: 'Gweithdy trwsio beiciau',
      summary: 'Trwsio beiciau am ddim a gwersi fel bod pobl yn gallu trwsio eu beiciau eu hunain.',
    },
    gd: { title: 'Bùth-obrach càraidh bhaidhsagalan' },
    pl: { title: 'Warsztat naprawy rowerów' },
    ar: { title: 'ورشة إصلاح الدراجات' },
  },
  'homework-club': {
    cy: {
      title: 'Clwb gwaith cartref ar ôl ysgol',
      summary: 'Lle tawel gyda gwirfoddolwyr a gliniaduron, dau brynhawn yr wythnos.',
    },
    gd: { title: 'Club obair-dachaigh às dèidh na sgoile' },
    pl: { title: 'Świetlica do odrabiania lekcji' },
    ar: { title: 'نادي الواجبات المدرسية بعد المدرسة' },
  },
  'gala-day': {
    cy: {
      title: 'Diwrnod gala Burnfoot',
      summary: 'Gala’r haf: stondinau, cerddoriaeth, castell neidio a barbeciw am ddim.',
    },
    gd: { title: 'Latha gala Burnfoot' },
    pl: { title: 'Festyn w Burnfoot' },
    ar: { title: 'يوم احتفال بيرنفوت' },
  },
  'dementia-cafe': {
    cy: {
      title: 'Caffi sy’n deall dementia',
      summary: 'Caffi misol i bobl sy’n byw gyda dementia a’r bobl sy’n gofalu amdanyn nhw.',
    },
    gd: { title: 'Cafaidh càirdeil do dhaoine le trom-inntinn' },
    pl: { title: 'Kawiarnia przyjazna osobom z demencją' },
    ar: { title: 'مقهى صديق لمرضى الخرف' },
  },
  'bus-shelter': {
    cy: {
      title: 'Murlun ar gyfer y safle bws',
      summary: 'Plant lleol yn dylunio ac yn peintio murlun i fywiogi’r prif safle bws.',
    },
    gd: { title: 'Dealbh-balla airson fasgadh a’ bhus' },
    pl: { title: 'Mural na przystanku autobusowym' },
    ar: { title: 'جدارية لموقف الحافلات' },
  },
};

export const DEMO_EVENT: EventDefinition = {
  id: 'burnfoot-2026-demo',
  name: 'Burnfoot Community Choices (demo)',
  currency: 'GBP',
  locale: 'en-GB',
  date: '2026-06-13',
  // The demo shows every language the app ships; English is the event's own.
  languages: ['en-GB', 'cy', 'gd', 'pl', 'ar'],
  welcome: 'Local groups have brought their ideas. You decide which ones get the money.',
  translations: {
    cy: {
      name: 'Dewisiadau Cymunedol Burnfoot (demo)',
      welcome:
        'Mae grwpiau lleol wedi dod â’u syniadau. Chi sy’n penderfynu pa rai sy’n cael yr arian.',
    },
    gd: {
      name: 'Roghainnean Coimhearsnachd Burnfoot (demo)',
      welcome:
        'Thug buidhnean ionadail am beachdan. Is tusa a cho-dhùineas cò dhiubh a gheibh an t-airgead.',
    },
    pl: {
      name: 'Wybory obywatelskie w Burnfoot (demo)',
      welcome:
        'Lokalne grupy przedstawiły swoje pomysły. Ty decydujesz, które z nich dostaną pieniądze.',
    },
    ar: {
      name: 'خيارات مجتمع بيرنفوت (تجريبي)',
      welcome: 'قدّمت المجموعات المحلية أفكارها. أنت من يقرّر أيّها يحصل على المال.',
    },
  },
  method: { kind: 'approval', min: 1, max: 5 },
  rule: 'greedy',
  categories: [
    {
      id: 'health',
      name: 'Health and wellbeing',
      translations: {
        cy: { name: 'Iechyd a llesiant' },
        gd: { name: 'Slàinte is sunnd' },
        pl: { name: 'Zdrowie i dobre samopoczucie' },
        ar: { name: 'الصحة والعافية' },
      },
    },
    {
      id: 'young-people',
      name: 'Children and young people',
      translations: {
        cy: { name: 'Plant a phobl ifanc' },
        gd: { name: 'Clann is òigridh' },
        pl: { name: 'Dzieci i młodzież' },
        ar: { name: 'الأطفال والشباب' },
      },
    },
    {
      id: 'environment',
      name: 'Green spaces and environment',
      translations: {
        cy: { name: 'Mannau gwyrdd a’r amgylchedd' },
        gd: { name: 'Àiteachan uaine is an àrainneachd' },
        pl: { name: 'Tereny zielone i środowisko' },
        ar: { name: 'المساحات الخضراء والبيئة' },
      },
    },
    {
      id: 'community',
      name: 'Community life',
      translations: {
        cy: { name: 'Bywyd cymunedol' },
        gd: { name: 'Beatha na coimhearsnachd' },
        pl: { name: 'Życie społeczności' },
        ar: { name: 'الحياة المجتمعية' },
      },
    },
  ],
  pots: [
    {
      id: 'health',
      name: 'Health and wellbeing pot',
      funder: 'Borders Health Partnership',
      budget: 4_500_00,
      eligible: { kind: 'categories', categories: ['health'] },
      rollOverTo: 'main',
    },
    {
      id: 'main',
      name: 'Community fund',
      funder: 'Burnfoot Community Council',
      budget: 30_000_00,
      eligible: { kind: 'all' },
    },
  ],
  bids: [
    bid(
      'cooking-club',
      'Youth cooking club',
      'Burnfoot Youth Project',
      2_400,
      'young-people',
      'Weekly cooking sessions for 12–16 year olds, with ingredients and a trained cook.',
      'A pan of vegetables on a hob',
    ),
    bid(
      'walking-group',
      'Health walks for all ages',
      'Burnfoot Walkers',
      1_200,
      'health',
      'Led walks twice a week with trained walk leaders, including a slower group.',
      'Two walkers on a path',
    ),
    bid(
      'community-garden',
      'Raised beds at the community garden',
      'Friends of Burnfoot Green',
      4_800,
      'environment',
      'Accessible raised beds, tools and a water butt so everyone can grow food.',
      'A raised bed with plants',
    ),
    bid(
      'chair-yoga',
      'Chair yoga for older people',
      'Silver Circle',
      900,
      'health',
      'Gentle seated exercise at the hall every Tuesday, with tea afterwards.',
      'A chair and a yoga mat',
    ),
    bid(
      'football-kit',
      'New kit for the under-11s',
      'Burnfoot Rovers',
      1_500,
      'young-people',
      'Shirts, shorts and goalkeeper gloves for two junior football teams.',
      'A football and a shirt',
    ),
    bid(
      'litter-pickers',
      'Litter picking kit',
      'Clean Up Burnfoot',
      650,
      'environment',
      'Pickers, hoops, gloves and hi-vis vests for monthly community clean-ups.',
      'A litter picker and a bag',
    ),
    bid(
      'warm-space',
      'Warm space winter lunches',
      'St Cuthbert’s Church',
      3_600,
      'community',
      'A free hot lunch and a warm room three days a week from November to March.',
      'A bowl of soup',
    ),
    bid(
      'mental-health',
      'Talk-it-out peer support',
      'Hawick Mind Matters',
      2_100,
      'health',
      'Trained peer supporters running a weekly drop-in for anyone struggling.',
      'Two speech bubbles',
    ),
    bid(
      'bike-repair',
      'Bike repair workshop',
      'Pedal Power',
      2_800,
      'environment',
      'Free bike repairs and lessons so people can fix their own bikes.',
      'A bicycle and a spanner',
    ),
    bid(
      'homework-club',
      'After-school homework club',
      'Burnfoot Primary PTA',
      3_200,
      'young-people',
      'A quiet space with volunteers and laptops, two afternoons a week.',
      'A pencil and an open book',
    ),
    bid(
      'gala-day',
      'Burnfoot gala day',
      'Gala Committee',
      5_000,
      'community',
      'The summer gala: stalls, music, a bouncy castle and a free barbecue.',
      'Bunting and a balloon',
    ),
    bid(
      'dementia-cafe',
      'Dementia-friendly café',
      'Carers Together',
      1_800,
      'health',
      'A monthly café for people living with dementia and the people who care for them.',
      'A cup of tea and a heart',
    ),
    bid(
      'bus-shelter',
      'Mural for the bus shelter',
      'Burnfoot Arts',
      1_400,
      'community',
      'Local children design and paint a mural to brighten the main bus shelter.',
      'A paintbrush and colours',
    ),
  ],
};

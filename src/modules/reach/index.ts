// The reach module: the basic-phone channel. USSD sessions (Africa's Talking) that run the phone
// menus every module declares in its manifest, members known by their phone and picked out by a
// PIN; SMS (in sms/). Other modules and adapters use it only through this file.

export { recordIntentInterest } from './interests/record-intent-interest.ts';
export { resetPhonePin } from './pins/reset-phone-pin.ts';
export { reachRoutes } from './routes.ts';
export { countSmsSegments } from './sms/segments.ts';
export { sendTemplatedSms } from './sms/templates/send-templated-sms.ts';
export type { SmsTemplateName } from './sms/templates/sms-templates.ts';
export { answerUssdHop, type UssdHop } from './ussd/answer-ussd-hop.ts';
export { fitsOneReply, measureReply } from './ussd/screen-text.ts';

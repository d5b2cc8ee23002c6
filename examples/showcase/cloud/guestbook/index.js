// A cloud function: main(event, context), with the server-side SDK for the same database.
const cloud = require('@alipay/faas-server-sdk');

exports.main = async (event) => {
  cloud.init();
  const db = cloud.database();
  const { total } = await db.collection('guestbook').count();
  const last = await db.collection('guestbook').orderBy('at', 'desc').limit(1).get();
  const who = last.data.length > 0 ? last.data[0].name : 'nobody yet';
  return { total, text: `${event.greeting}! ${total} signed, last: ${who}` };
};

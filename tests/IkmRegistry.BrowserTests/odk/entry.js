import { createApp, h } from 'vue';
import { OdkWebForm, webFormsPlugin } from '@getodk/web-forms';

// The test hands the XForm the registry generated to window.odkLoadForm; the engine renders it, and when the
// officer presses Send, the submission XML the engine produced is written into <pre id="submission">.
window.odkLoadForm = (formXml) => {
  const app = createApp({
    render: () => h(OdkWebForm, {
      formXml,
      fetchFormAttachment: (url) => Promise.reject(new Error(`no attachment ${url}`)),
      onSubmit: async (payload, callback) => {
        const data = Array.isArray(payload.data) ? payload.data[0] : payload.data;
        const xml = await data.get('xml_submission_file').text();
        document.getElementById('submission').textContent = xml;
        document.getElementById('submission').dataset.status = payload.status;
        callback({ status: 'success' });
      },
    }),
  });
  app.use(webFormsPlugin);
  app.mount('#form');
};

// allauth's WebAuthn script reports failures as an `allauth.error` event (and only in the console):
// show them in the page's alert paragraph, whose text comes from the template in the page's language.
document.addEventListener("allauth.error", function (event) {
  const target = document.getElementById("webauthn-error");
  if (!target) {
    return;
  }
  event.preventDefault();
  target.textContent = target.dataset.message;
  target.hidden = false;
});
